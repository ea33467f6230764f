/** See retry-mark.js. */
export declare const PASSED_ON_RETRY: string;
