/**
 * A one-line progress count on stderr for scans that take a while, on a terminal only: stdout stays the
 * report, and logs and pipes never get carriage returns. It appears after DELAY_MS, is redrawn at most
 * every REDRAW_MS, and is erased when the scan ends.
 */
export const DELAY_MS = 1000
const REDRAW_MS = 100

export interface Progress {
  update(done: number, total: number): void
  end(): void
}

export const NO_PROGRESS: Progress = { update: () => {}, end: () => {} }

export function terminalProgress(write: (text: string) => void, now: () => number = Date.now): Progress {
  const started = now()
  let drawn = false
  let last = 0
  return {
    update(done, total) {
      const time = now()
      if (time - started < DELAY_MS || time - last < REDRAW_MS || done >= total) return
      last = time
      drawn = true
      write(`\r\x1b[2Kcontainment: ${done}/${total} files analysed`)
    },
    end() {
      if (drawn) write('\r\x1b[2K')
      drawn = false
    }
  }
}
