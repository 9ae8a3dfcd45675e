export { conversationsRoutes } from './routes';
export { conversationsNavigation } from './navigation';
