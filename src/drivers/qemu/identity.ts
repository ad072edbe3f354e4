/** What the driver registry knows of the QEMU driver without loading it (see src/api/lazy-driver.ts). */
export const QEMU_DRIVER_IDENTITY = { name: 'QEMU', schemes: ['qemu'], sharesSecondaryDrivers: true } as const;
