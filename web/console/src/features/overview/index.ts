export { overviewRoutes } from './routes';
export { overviewNavigation } from './navigation';
