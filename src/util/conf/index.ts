export { VirConf } from './vir-conf.js';
export { type ConfValue, type ConfEntry } from './value.js';
export { configPath, loadConfig, loadClientConfig, CLIENT_CONFIG_ENV } from './load.js';
