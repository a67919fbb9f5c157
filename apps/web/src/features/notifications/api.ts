import type {
  AwayBody,
  MarkReadBody,
  MarkReadResult,
  NotificationPage,
  NotificationView,
  OutboxQuery,
  OutboxView,
  Page,
  UserView,
} from '@closeloop/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { adminKeys } from '../admin/api.ts';
import { ME_KEY } from '../auth/session.tsx';

export type Notifications = NotificationPage;

export const notificationKeys = {
  latest: ['notifications', 'latest'] as const,
  outbox: (params: OutboxQuery) => ['outbox', params] as const,
};

/** How many of the latest notifications the bell lists. */
export const BELL_SIZE = 10;

/** The latest notifications and the unread count: every minute, and again when the window regains focus. */
export const useNotifications = () =>
  useQuery({
    queryKey: notificationKeys.latest,
    queryFn: () => api.get<Notifications>('/me/notifications', { page: 1, pageSize: BELL_SIZE }),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });

/** Mark some (`ids`) or all notifications read; the bell updates at once. */
export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: MarkReadBody) => api.post<MarkReadResult>('/me/notifications/read', body),
    onSuccess: (r, body) => {
      const now = new Date().toISOString();
      qc.setQueryData<Notifications>(notificationKeys.latest, (old) =>
        old
          ? {
              ...old,
              unread: r.unread,
              items: old.items.map((n: NotificationView) =>
                'all' in body || body.ids.includes(n.id) ? { ...n, readAt: n.readAt ?? now } : n,
              ),
            }
          : old,
      );
      void qc.invalidateQueries({ queryKey: ['notifications'] });
    },
  });
}

/** 外出: mark oneself away (optionally until a moment) or back. */
export function useSetAway() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AwayBody) => api.put<UserView>('/me/away', body),
    onSuccess: (user) => {
      qc.setQueryData(ME_KEY, user);
      // The users list shows who is away.
      void qc.invalidateQueries({ queryKey: adminKeys.users });
    },
  });
}

// ---------------------------------------------------------------- outbox (what was sent by e-mail, and what failed)

export const useOutbox = (params: OutboxQuery) =>
  useQuery({
    queryKey: notificationKeys.outbox(params),
    queryFn: () => api.get<Page<OutboxView>>('/admin/outbox', { ...params }),
    placeholderData: keepPreviousData,
  });

export function useRetryOutbox() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<OutboxView>(`/admin/outbox/${id}/retry`),
    onSettled: () => qc.invalidateQueries({ queryKey: ['outbox'] }),
  });
}
