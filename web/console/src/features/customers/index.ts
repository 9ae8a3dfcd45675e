export { customersRoutes } from './routes';
export { customersNavigation } from './navigation';
