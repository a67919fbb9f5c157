import type { MeView, UserView } from '@closeloop/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, api, onUnauthenticated, setCsrfToken } from '../../api/client.ts';
import { PageSpin } from '../../ui/PageSpin.tsx';

interface Session {
  user: UserView;
  can: (permission: UserView['permissions'][number]) => boolean;
}

const SessionContext = createContext<Session | null>(null);

export const ME_KEY = ['auth', 'me'] as const;

/** The signed-in user; only inside `RequireSession`. */
export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside RequireSession');
  return s;
}

async function fetchMe() {
  try {
    const me = await api.get<MeView>('/auth/me');
    setCsrfToken(me.csrfToken);
    return me.user;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

/** Renders children for a signed-in user; otherwise sends them to sign in and back here afterwards. */
export function RequireSession({ children }: { children: ReactNode }) {
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });

  useEffect(() => {
    const stop = onUnauthenticated(() => {
      queryClient.setQueryData(ME_KEY, null);
      const next = `${window.location.pathname}${window.location.search}`;
      navigate(`/login?expired=1&next=${encodeURIComponent(next)}`, { replace: true });
    });
    return () => {
      stop();
    };
  }, [navigate, queryClient]);

  if (me.isPending) return <PageSpin />;
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  const user = me.data;
  const value: Session = { user, can: (p) => user.permissions.includes(p) };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
