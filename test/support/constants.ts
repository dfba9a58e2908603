export const ADMIN_PASSWORD = 'admin-test-2026';
