import type { ReactNode } from 'react';
import { useEndedSession, useSessionStatus } from '../../smart/hooks';
import { SessionEndedScreen } from './errorScreens';
import { ResumeRoute } from './ResumeRoute';

/** Chart pages need a session: an ended one says so; none at all (a reload) tries to sign in again. */
export function RequireSession({ children }: { children: ReactNode }) {
  const status = useSessionStatus();
  const ended = useEndedSession();
  if (status.status === 'ended') return <SessionEndedScreen reason={status.reason} launch={ended} />;
  if (status.status === 'none') return <ResumeRoute />;
  return <>{children}</>;
}
