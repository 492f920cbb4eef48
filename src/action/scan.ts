import type { Config } from '../core/config.js'
import { prepareEngine, scanPrepared, type InputFile, type ScanResult } from '../core/engine.js'
import type { Workspace } from '../core/workspace.js'
import type { ContentEntry } from './github.js'
import { FetchedWorkspace, mapLimit, type ContentSource } from './sources.js'
import type { Target } from './targets.js'

/** One version of the repository to scan: where file contents come from, and the Workspace rules read. */
export interface Side {
  source: ContentSource
  workspace: Workspace
}

/** Sources are read this many files at a time (git processes, API requests). */
const CONCURRENCY = 8

/** Scans the targets present in this version; rules that read other files get them through the side's workspace. */
export async function scanSide(targets: readonly Target[], side: Side, config: Config, options: { fixes?: boolean } = {}): Promise<ScanResult> {
  await prepareEngine()
  const entries = await mapLimit(targets, CONCURRENCY, (target) => readEntry(side, target.path))
  const inputs: InputFile[] = []
  targets.forEach((target, i) => {
    const entry = entries[i]
    if (entry?.kind === 'link-out') inputs.push({ path: target.path, content: new Uint8Array(0), explicit: target.explicit, unread: 'is a symbolic link that leads outside the repository' })
    if (entry?.kind === 'file') inputs.push({ path: target.path, content: entry.bytes, explicit: target.explicit, ...(entry.size === undefined ? {} : { size: entry.size }) })
  })
  const run = () => scanPrepared(inputs, { config, workspace: side.workspace, fixes: options.fixes })
  return side.workspace instanceof FetchedWorkspace ? side.workspace.settle(run) : run()
}

function readEntry(side: Side, path: string): Promise<ContentEntry> {
  // A fetched workspace keeps what it read, so rules that read the target again need no second request.
  return side.workspace instanceof FetchedWorkspace ? side.workspace.fetch(path) : side.source.read(path)
}
