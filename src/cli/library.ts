/**
 * What tsvirsh takes from the library, loaded on first need. Naming each binding, rather than
 * importing the package root as a whole, spares the bundle from building the root's namespace
 * object (about 900 getters, 4 ms) at every start.
 */
export { openAuth, defaultAuth, registeredDrivers, secondaryDrivers, LIB_VERSION, VIR_CONNECT_RO, ErrorNumber, ErrorDomain } from '../index.js';
