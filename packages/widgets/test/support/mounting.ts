/**
 * Attributes some registered widgets are mounted with in the shared tests and the stories. The reports show a report
 * without dates: the demo data is dated around a fixed day (the seed's "now"), so what a dated report's default
 * period (the last 30 days) holds depends on the day the tests run.
 */
export const mountedWith: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'fco-reports': { report: 'resource-counts' },
};

/** A period inside the demo data (which ends on its fixed day, 2026-11-01), for dated reports. */
export const DEMO_PERIOD = { from: '2026-08-01', to: '2026-10-31' } as const;
