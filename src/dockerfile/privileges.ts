import type { AnalysisContext } from '../core/analyzer.js'
import type { Range } from '../core/finding.js'
import type { DockerfileModel, EffectiveUser, Stage } from './model.js'

/** Whether a stage's containers run as root, and whether they drop privileges at start (DF001, DX001). */
export interface StageUserVerdict {
  runsAsRoot: boolean
  /** When root: how the entrypoint drops privileges (`gosu` in docker-entrypoint.sh:42), if it does. */
  privilegeDrop?: { command: string; file: string; line: number }
  /** Where DF001 reports: the stage's last USER when it names root, else the stage's FROM. */
  range: Range
  user: EffectiveUser
}

// TODO(DF001): implemented with the DF001 rule.
export function stageUser(_model: DockerfileModel, stage: Stage, _context: AnalysisContext): StageUserVerdict {
  return { runsAsRoot: false, range: stage.from.range, user: { user: 'unknown', decidedBy: stage, fromBaseImage: true } }
}
