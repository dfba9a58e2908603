export * from './regions';
export * from './depots';
export * from './users';
export * from './audit';
export * from './idempotency';
export * from './stock';
export * from './events';
export * from './recovery';
