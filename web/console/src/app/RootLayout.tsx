import { Outlet } from '@tanstack/react-router';
import { Toaster } from '@/kit/toast';

export function RootLayout() {
  return (
    <>
      <Outlet />
      <Toaster />
    </>
  );
}
