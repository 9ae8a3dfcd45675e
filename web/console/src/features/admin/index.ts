export { adminRoutes } from './routes';
export { adminNavigation } from './navigation';
