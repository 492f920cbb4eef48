import { copyArguments, type PathArgument } from '../arguments.js'
import type { Instruction } from '../model.js'
import type { DockerfileRule } from '../rule.js'

export const DF011: DockerfileRule = {
  id: 'DF011',
  slug: 'add-remote-url',
  title: 'ADD of a remote file without a checksum',
  severity: 'medium',
  principles: ['P3'],
  rationale:
    'ADD of a URL or Git repository puts whatever the server returns into the image: a compromised or changed source goes in unreviewed.',
  fix: 'Add --checksum=sha256:<hash> to ADD of a URL, and pin a Git source to a commit (#<40-hex commit> or --checksum=<commit>).',
  equivalents: {
    trivy: ['DS-0005'],
    checkov: ['CKV_DOCKER_4'],
    cis: ['4.9']
  },
  check(model, report) {
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'ADD') continue
      for (const source of copyArguments(model, instruction).sources) {
        const problem = remoteProblem(source, instruction)
        if (problem) report(source.range, problem)
      }
    }
  }
}

function remoteProblem(source: PathArgument, instruction: Instruction): string | undefined {
  const url = source.value
  if (isGitSource(url)) {
    if (pinnedCommit(url) || hasChecksum(instruction)) return undefined
    return `ADD "${url}" fetches a Git repository at a branch or tag that can move: the image gets whatever it points to at build time. Pin it to a commit (${url.split('#')[0]}#<40-hex commit>) or add --checksum=<commit>.`
  }
  if (!/^https?:\/\//i.test(url) || hasChecksum(instruction)) return undefined
  return `ADD "${url}" downloads a file without verifying it: whatever the server returns goes into the image. Add --checksum=sha256:<hash of the file>, or download in a RUN that checks the hash.`
}

/** `git@host:repo`, `ssh://`, `git://`, and http(s) URLs of a `.git` repository (`…/repo.git#ref`). */
function isGitSource(url: string): boolean {
  if (/^(?:git@|ssh:\/\/|git:\/\/)/i.test(url)) return true
  if (!/^https?:\/\//i.test(url)) return false
  const path = url.split(/[#?]/)[0]
  return /\.git\/?$/i.test(path)
}

const COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i

/** `#<commit>` or `#<commit>:<subdir>`, or a `?commit=`/`?ref=` query holding a full commit hash. */
function pinnedCommit(url: string): boolean {
  const hash = url.indexOf('#')
  if (hash >= 0 && COMMIT.test(url.slice(hash + 1).split(':')[0])) return true
  const query = url.indexOf('?')
  if (query < 0) return false
  const params = url.slice(query + 1, hash > query ? hash : undefined).split('&')
  return params.some((p) => {
    const [key, value = ''] = p.split('=')
    return (key === 'commit' || key === 'ref') && COMMIT.test(value)
  })
}

/** `--checksum=sha256:…` for a URL, `--checksum=<commit>` for Git; a variable counts (it is set elsewhere). */
function hasChecksum(instruction: Instruction): boolean {
  return instruction.flags.some((f) => f.name === 'checksum' && (f.value ?? '').trim() !== '')
}
