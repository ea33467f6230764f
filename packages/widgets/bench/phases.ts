/**
 * Where a table's first rows spend their time, from the browser's resource timing of its first list request: when
 * the request left and when its answer had arrived, in ms from the table's creation (the rest, up to the first rows,
 * is the page's own work before and after).
 */
export interface RequestPhases {
  /** The list request started (the widget's set-up before it: providers, first renders, auth). */
  requestLeaves: number;
  /** Its answer's last byte arrived (the server's time, the network's and the wait for the browser's processor). */
  answerArrived: number;
}

export function listRequestPhases(started: number): RequestPhases | null {
  const list = performance
    .getEntriesByType('resource')
    .find((entry) => new URL(entry.name).pathname === '/v1/customers') as PerformanceResourceTiming | undefined;
  return list ? { requestLeaves: list.startTime - started, answerArrived: list.responseEnd - started } : null;
}
