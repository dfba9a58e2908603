// Modules with invariants of their own register them with the health check here.
export {};
