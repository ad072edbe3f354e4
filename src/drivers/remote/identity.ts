/** What the driver registry knows of the remote driver without loading it (see src/api/lazy-driver.ts). */
export const REMOTE_DRIVER_IDENTITY = { name: 'remote', schemes: [], remote: true } as const;
