import * as core from '@actions/core'

/** The Action's entry: placeholder until the Action issue lands. */
export async function run(): Promise<void> {
  core.info('containment: the GitHub Action adapter is not built yet; use the CLI (dist/cli.js).')
}
