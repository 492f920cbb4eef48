/**
 * Whether text output is coloured, as command-line tools agree: `--color`/`--no-color` first, then
 * FORCE_COLOR (set and not `0`/`false`: on even when piped, as in CI logs), then NO_COLOR (set and not
 * empty: off, https://no-color.org), then whether stdout is a terminal that is not `dumb`.
 */
export function colourEnabled(flag: boolean | undefined, env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (flag !== undefined) return flag
  const force = env.FORCE_COLOR
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false'
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  return isTTY && env.TERM !== 'dumb'
}
