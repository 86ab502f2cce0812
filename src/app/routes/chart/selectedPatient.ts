// The patient chosen by search, for sessions without a patient in the launch context. In memory only (never
// in the URL or storage), and tied to the session's launch context: a new session starts with no selection.
import { useCallback, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { isPatientSearchKey } from '../../../fhir/queries/patient';
import { fhirKeys } from '../../../fhir/queryKeys';
import type { LaunchContext } from '../../../smart/launchContext';

const selections = new WeakMap<LaunchContext, string>();
const listeners = new Set<() => void>();
let version = 0;

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};
const getVersion = () => version;

function set(context: LaunchContext, patientId: string | undefined) {
  if (patientId) selections.set(context, patientId);
  else selections.delete(context);
  version += 1;
  for (const listener of listeners) listener();
}

export interface ChartPatient {
  /** The launch's patient, else the one chosen by search. */
  patientId?: string;
  /** True when the user may pick (and switch) the patient: no patient came with the launch. */
  canChoose: boolean;
  /** Switches patient (undefined = back to search), dropping every cached datum of the previous one. */
  choose: (patientId: string | undefined) => void;
}

export function useChartPatient(context: LaunchContext): ChartPatient {
  const queryClient = useQueryClient();
  useSyncExternalStore(subscribe, getVersion);
  const chosen = selections.get(context);
  const choose = useCallback(
    (patientId: string | undefined) => {
      if (context.patientId || patientId === selections.get(context)) return;
      set(context, patientId);
      // Everything cached about the previous patient goes; only patient-search results stay.
      const filters = { queryKey: fhirKeys.all, predicate: (q: { queryKey: readonly unknown[] }) => !isPatientSearchKey(q.queryKey) };
      void queryClient.cancelQueries(filters);
      queryClient.removeQueries(filters);
    },
    [context, queryClient],
  );
  return { patientId: context.patientId ?? chosen, canChoose: !context.patientId, choose };
}
