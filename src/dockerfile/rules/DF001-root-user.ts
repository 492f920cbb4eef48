import { isWindowsAdministrator } from '../base-images.js'
import { addUserLine, createdUser } from '../fixes.js'
import { stageUser, type StageUserVerdict } from '../privileges.js'
import { targetStage, type DockerfileModel, type Stage } from '../model.js'
import type { DockerfileRule } from '../rule.js'

export const DF001: DockerfileRule = {
  id: 'DF001',
  slug: 'root-user',
  title: 'Image runs as root',
  severity: 'high',
  principles: ['P1', 'P2'],
  rationale:
    'Root in a container is root on the host kernel: a process that escapes the container, or reaches a mounted host path, does so with full privileges.',
  fix: 'End the final stage with USER and a non-root user (a numeric UID such as 10001 works with runAsNonRoot), after the steps that need root.',
  equivalents: {
    hadolint: ['DL3002'],
    trivy: ['DS-0002'],
    checkov: ['CKV_DOCKER_3', 'CKV_DOCKER_8'],
    kics: ['fd54f200-402c-4333-a5a4-36ef6709af2f', '67fd0c4a-68cf-46d7-8c41-bc9fba7e40ae'],
    cis: ['4.1']
  },
  autofix: [{ safety: 'review', what: 'adds `USER <name>` for the user the stage creates with useradd/adduser, after its last RUN' }],
  check(model, report, context) {
    const stage = targetStage(model)
    if (!stage) return
    const verdict = stageUser(model, stage, context)
    if (!verdict.runsAsRoot) return
    const cause = rootCause(model, stage, verdict)
    if (verdict.privilegeDrop) {
      report(verdict.range, `${dropMessage(verdict.privilegeDrop)}: ${cause}. ${DROP_ADVICE}`, { severity: 'low' })
      return
    }
    if (isWindowsAdministrator(verdict.user.user)) {
      // A Windows container's administrator is not the host's; the kernel is still shared under process isolation.
      report(verdict.range, `The image runs as ${verdict.user.user}: ${cause}. ${WINDOWS_FIX}`, { severity: 'medium' })
      return
    }
    report(verdict.range, `The image runs as ${verdict.user.user}: ${cause}.${unreadNote(verdict)} ${FIX}`, {
      fix: () => {
        const user = createdUser(stage)
        return user === undefined ? undefined : addUserLine(model, stage, user)
      }
    })
  }
}

const WINDOWS_FIX =
  'An administrator inside a process-isolated Windows container shares the host kernel with full rights in the container; end the final stage with USER ContainerUser.'

const FIX =
  'Root in a container is root on the host kernel; add USER with a non-root user (e.g. USER 10001) at the end of the final stage.'

/** What makes the final stage root, in the file's words. */
function rootCause(model: DockerfileModel, stage: Stage, verdict: StageUserVerdict): string {
  const { user } = verdict
  const own = quoteLine(model, stage.from.range.line)
  if (user.instruction) {
    const where = user.decidedBy === stage ? 'the final stage' : `stage "${user.decidedBy.name ?? user.decidedBy.index}", which the final stage (${own}) is built on`
    return `${quoteLine(model, user.instruction.range.line)} is the last USER of ${where}`
  }
  const base = user.decidedBy === stage ? '' : ` nor in the stages it is built on (down to ${quoteLine(model, user.decidedBy.from.range.line)})`
  const windows = user.user === 'root' ? '' : `, and ${user.user} is the default account of its Windows base image, an administrator`
  return `no USER is set in the final stage (${own})${base}${windows}`
}

function quoteLine(model: DockerfileModel, line: number): string {
  return `"${model.index.lineText(line).trim()}"`
}

function dropMessage(drop: NonNullable<StageUserVerdict['privilegeDrop']>): string {
  if (drop.inferredFor) {
    return `The image starts as root and drops privileges in its entrypoint (it installs "${drop.command}" at line ${drop.line}, a tool only used for that; its entrypoint ${drop.inferredFor} is not in the scanned files)`
  }
  return `The image starts as root and drops privileges in its entrypoint ("${drop.command}" in ${drop.file}:${drop.line})`
}

const DROP_ADVICE =
  'The service does not run as root, but anyone who runs docker exec still gets root; prefer USER where setup allows it, and keep no-new-privileges on.'

function unreadNote(verdict: StageUserVerdict): string {
  const scripts = verdict.unreadScripts ?? []
  if (scripts.length === 0) return ''
  return ` Its entrypoint ${scripts.map((s) => `"${s}"`).join(', ')} could not be read from the repository, so whether it drops privileges is unknown.`
}
