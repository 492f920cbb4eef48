/**
 * The release version and the project's one public home. A test keeps both equal to package.json's
 * `version` and `repository`: every link to the rule pages, the SARIF `informationUri` and the docs are
 * built from REPOSITORY_URL, never written out again.
 */
export const VERSION = '0.1.0'

export const REPOSITORY_URL = 'https://github.com/containment-action/containment'
