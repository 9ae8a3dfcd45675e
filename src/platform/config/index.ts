export { loadConfig, describeConfig, maskSecret, ConfigError, type Config } from './config.js';
