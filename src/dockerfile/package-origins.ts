import { baseName, unwrap, type Command } from '../shell/analyze.js'
import { copyArguments, flagOptions } from './arguments.js'
import { parseArgs } from './command-line.js'
import { resolveImagePath, stageChain, workdirAt } from './copied-files.js'
import { downloadOf } from './downloads.js'
import { packageInstall, packageName } from './packages.js'
import type { DockerfileModel, Instruction, Stage } from './model.js'
import { sameName } from './model.js'

/**
 * Where a local package file (`apk add --allow-untrusted /tmp/pkg.apk`, `dpkg -i x.deb`) comes from.
 * Installing without a signature check is harmless only for a package the build itself produced: built
 * by a packaging tool in this stage's chain, or copied (`COPY --from`, `RUN --mount=…,from=`) from a stage
 * of this file that built packages and downloaded none of that name. A download, a remote `ADD`, the build
 * context, another image, or nothing in the Dockerfile at all leaves the file's content unchecked.
 */
export type PackageOrigin = { built: true } | { built: false; why: string }

/** Programs that write package files: the build makes its own packages with them. */
const PACKAGE_BUILDERS = new Set([
  'abuild',
  'dpkg-buildpackage',
  'debuild',
  'pdebuild',
  'sbuild',
  'rpmbuild',
  'fpm',
  'nfpm',
  'checkinstall',
  'makepkg',
  'equivs-build',
  'mk-build-deps',
  'alien'
])

export function packageOrigin(model: DockerfileModel, instruction: Instruction, command: Command, path: string): PackageOrigin {
  const absolute = resolveImagePath(workdirAt(instruction), path)
  const mounted = mountSource(model, instruction, absolute)
  if (mounted) return fromStage(mounted, path)
  const stages = instruction.stage ? stageChain(instruction.stage) : []
  for (const stage of stages) {
    const before = stage === instruction.stage ? instructionsBefore(stage, instruction) : stage.instructions
    for (let i = before.length - 1; i >= 0; i--) {
      const copy = before[i]
      if ((copy.keyword !== 'COPY' && copy.keyword !== 'ADD') || !lands(model, copy, absolute)) continue
      return copiedOrigin(model, copy, path)
    }
  }
  const commands = stages.flatMap((stage) => stageCommands(stage, instruction, command))
  if (commands.some((c) => downloadOf(c)?.savedTo.some((saved) => baseName(saved) === baseName(path)))) {
    return { built: false, why: 'downloaded earlier in the stage' }
  }
  if (commands.some(buildsPackages)) return { built: true }
  return { built: false, why: 'made by nothing in the Dockerfile' }
}

function instructionsBefore(stage: Stage, instruction: Instruction): Instruction[] {
  const at = stage.instructions.indexOf(instruction)
  return at < 0 ? stage.instructions : stage.instructions.slice(0, at)
}

/** The commands of a stage that run before `command` (all of them for an earlier stage of the chain). */
function stageCommands(stage: Stage, instruction: Instruction, command: Command): Command[] {
  const out: Command[] = []
  for (const run of stage.instructions) {
    for (const c of run.script?.commands ?? []) {
      if (run === instruction && c.start >= command.start) break
      out.push(c)
    }
    if (run === instruction) break
  }
  return out
}

/** Distribution packages that hold a packaging tool: a stage that installs one builds packages with it. */
const PACKAGING_TOOLS = new Set(['abuild', 'alpine-sdk', 'rpm-build', 'rpmdevtools', 'dpkg-dev', 'debhelper', 'devscripts', 'fpm', 'nfpm', 'checkinstall', 'equivs', 'pbuilder', 'sbuild'])

function buildsPackages(command: Command): boolean {
  const runner = unwrap(command)
  if (PACKAGE_BUILDERS.has(runner.program)) return true
  const install = packageInstall(command)
  if (install && install.manager !== 'pip' && install.manager !== 'npm' && install.manager !== 'gem') {
    if (install.packages.some((word) => PACKAGING_TOOLS.has(packageName(word.value, install.manager)))) return true
  }
  if (runner.program !== 'dpkg-deb' && runner.program !== 'dpkg') return false
  return parseArgs(runner.args, { valued: [] }).options.some((o) => o.name === '-b' || o.name === '--build')
}

/** `COPY a b /tmp/pkgs/` lands files under `/tmp/pkgs/`; `COPY x.apk /tmp/y.apk` lands `/tmp/y.apk`. */
function lands(model: DockerfileModel, copy: Instruction, absolute: string): boolean {
  const destination = copyArguments(model, copy).destination
  if (!destination) return false
  const target = resolveImagePath(workdirAt(copy), destination.value)
  const directory = target === '/' ? '/' : `${target}/`
  return absolute === target || absolute.startsWith(directory)
}

function copiedOrigin(model: DockerfileModel, copy: Instruction, path: string): PackageOrigin {
  const from = copy.flags.find((f) => f.name === 'from')?.value
  if (from === undefined) {
    const remote = copyArguments(model, copy).sources.some((s) => /^[a-z][a-z0-9+.-]*:\/\//i.test(s.value) || s.value.startsWith('git@'))
    return { built: false, why: remote ? `fetched from a URL by ADD on line ${copy.range.line}` : `copied from the build context on line ${copy.range.line}` }
  }
  const stage = model.stages.find((s) => s.name !== undefined && sameName(s.name, from)) ?? (/^\d+$/.test(from) ? model.stages[Number(from)] : undefined)
  return stage ? fromStage(stage, path) : { built: false, why: `copied from the image "${from}"` }
}

function fromStage(stage: Stage | string, path: string): PackageOrigin {
  if (typeof stage === 'string') return { built: false, why: `mounted from the image "${stage}"` }
  const commands = stageChain(stage).flatMap((s) => s.instructions.flatMap((i) => i.script?.commands ?? []))
  const label = stage.name ?? String(stage.index)
  if (commands.some((c) => downloadOf(c)?.savedTo.some((saved) => baseName(saved) === baseName(path)))) {
    return { built: false, why: `downloaded by stage "${label}"` }
  }
  if (commands.some(buildsPackages)) return { built: true }
  return { built: false, why: `from stage "${label}", which builds no packages` }
}

/** `RUN --mount=type=bind,from=builder,target=/tmp/packages`: the stage (or image name) whose files a path is. */
function mountSource(model: DockerfileModel, instruction: Instruction, absolute: string): Stage | string | undefined {
  for (const flag of instruction.flags) {
    if (flag.name !== 'mount') continue
    const options = new Map(flagOptions(model, flag).map((o) => [o.key, o.value]))
    const from = options.get('from')
    const target = options.get('target') ?? options.get('dst') ?? options.get('destination')
    if (from === undefined || target === undefined) continue
    const root = resolveImagePath('/', target)
    if (absolute !== root && !absolute.startsWith(root === '/' ? '/' : `${root}/`)) continue
    return model.stages.find((s) => s.name !== undefined && sameName(s.name, from)) ?? from
  }
  return undefined
}
