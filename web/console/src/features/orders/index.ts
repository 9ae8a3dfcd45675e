export { ordersRoutes } from './routes';
export { ordersNavigation } from './navigation';
