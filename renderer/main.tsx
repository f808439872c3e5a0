import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createHashRouter, RouterProvider } from 'react-router';
import { forgetSignInLink } from './api/client';
import { ToastProvider } from './kit/feedback/Toasts';
import { DesktopFileSaving } from './app/DesktopFileSaving';
import { Layout } from './app/Layout';
import { PAGE_ROUTES } from './app/routes';
import './styles/app.css';

// Browser mode: the server exchanged the sign-in link for a cookie; never keep a copy of it in the address.
forgetSignInLink();

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 5_000 } },
});

// Hash routing works the same from app://workbench (desktop) and http://127.0.0.1 (browser mode).
const router = createHashRouter([{ path: '/', element: <Layout />, children: PAGE_ROUTES }]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <DesktopFileSaving />
        <RouterProvider router={router} />
      </ToastProvider>
    </QueryClientProvider>
  </StrictMode>,
);
