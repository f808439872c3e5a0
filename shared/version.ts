/** Kept equal to package.json's version (a unit test checks), so no JSON import crosses into shared/. */
export const APP_VERSION = '0.1.0';
