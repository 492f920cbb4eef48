import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs'

/**
 * A file read with a bound: at most `limit + 1` bytes are ever read, whatever its size, so that a 3 GiB file
 * costs an open and an fstat, not 3 GiB of memory. `size` is the file's size in bytes (what fstat says, or
 * more when it grew while read); `bytes` is the whole content when `size <= limit`, else empty.
 */
export interface BoundedRead {
  bytes: Uint8Array
  size: number
}

/** True when `read` holds only part of the file: it is over the limit it was read with. */
export function overLimit(read: { size: number }, limit: number): boolean {
  return read.size > limit
}

/**
 * Reads a regular file bounded by `limit` bytes. The final component is opened with O_NOFOLLOW where the
 * platform has it: a file swapped for a symbolic link after its directory was checked is refused (ELOOP),
 * not followed. Throws when the path is not a regular file or cannot be read.
 */
export function readBounded(path: string, limit: number): BoundedRead {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0))
  try {
    const stat = fstatSync(fd)
    if (!stat.isFile()) throw new Error(`${path} is not a regular file`)
    if (stat.size > limit) return { bytes: new Uint8Array(0), size: stat.size }
    // The size may change between fstat and read: read up to limit + 1 bytes to see it.
    const buffer = Buffer.allocUnsafe(Math.min(stat.size, limit) + 1)
    let length = 0
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null)
      if (read === 0) break
      length += read
    }
    if (length > limit) return { bytes: new Uint8Array(0), size: Math.max(stat.size, length) }
    return { bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, length), size: length }
  } finally {
    closeSync(fd)
  }
}
