export { usageRoutes } from './routes';
export { usageNavigation } from './navigation';
