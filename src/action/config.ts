import { readFileSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import type { Config } from '../core/config.js'
import { describeConfig, loadConfig, withConfigValidation, type LoadedConfig } from '../core/config-file.js'
import { normalizePath, type Workspace } from '../core/workspace.js'
import { effectiveFailOn, type ActionInputs } from './inputs.js'
import { FetchedWorkspace } from './sources.js'

/**
 * The configuration the Action runs with: the config file (named by the `config` input, else found in the
 * repository) as src/core/config-file.ts reads it, then the inputs on top: `fail-on` when given replaces
 * the file's, `exclude` adds to it. A broken config file stops the run with its file and line.
 */
export interface ActionConfig {
  config: Config
  file?: string
  warnings: string[]
  /** The effective configuration as YAML, for a log group. */
  description: string
}

export async function resolveConfig(inputs: ActionInputs, workspace: Workspace, workspaceRoot: string): Promise<ActionConfig> {
  const options = configOptions(inputs.config, workspaceRoot)
  const loaded = await load(workspace, options)
  const config: Config = {
    ...loaded.config,
    failOn: effectiveFailOn(inputs, loaded.config.failOn),
    exclude: [...loaded.config.exclude, ...inputs.exclude],
    limits: {
      maxFileBytes: inputs.maxFileBytes ?? loaded.config.limits.maxFileBytes,
      maxFiles: inputs.maxFiles ?? loaded.config.limits.maxFiles
    }
  }
  return { config, file: loaded.file, warnings: loaded.warnings, description: describeConfig(config, loaded) }
}

/** A path inside the repository is read from the scanned tree; one outside (absolute, `../`) from disk, as the workflow names it. */
function configOptions(path: string | undefined, workspaceRoot: string): { path?: string; text?: string } {
  if (path === undefined) return {}
  const inside = !isAbsolute(path) ? normalizePath(path) : undefined
  if (inside) return { path: inside }
  return { path, text: readFileSync(isAbsolute(path) ? path : resolve(workspaceRoot, path), 'utf8') }
}

function load(workspace: Workspace, options: { path?: string; text?: string }): Promise<LoadedConfig> {
  return withConfigValidation(() => loadFrom(workspace, options))
}

async function loadFrom(workspace: Workspace, options: { path?: string; text?: string }): Promise<LoadedConfig> {
  if (!(workspace instanceof FetchedWorkspace)) return loadConfig(workspace, options)
  // Files come from the API: let the loader ask for what it reads, fetch it, and ask again.
  const attempt = (): { loaded?: LoadedConfig; error?: unknown } => {
    try {
      return { loaded: loadConfig(workspace, options) }
    } catch (error) {
      return { error }
    }
  }
  const result = await workspace.settle(attempt)
  if (result.error !== undefined) throw result.error
  return result.loaded!
}
