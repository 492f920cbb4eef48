import { describe, expect, it } from '@jest/globals'
import { markerFor, sameLogin, upsertStickyComment, withDigest } from '../../src/action/comment.js'
import type { GitHubApi, IssueComment } from '../../src/action/github.js'

/** An in-memory stand-in for the issue-comment endpoints, recording what was written. */
function fakeApi(comments: IssueComment[], viewer: string | undefined = 'github-actions[bot]') {
  const writes: string[] = []
  let next = 900
  const api: Pick<GitHubApi, 'listComments' | 'createComment' | 'updateComment' | 'deleteComment' | 'viewerLogin'> = {
    listComments: async () => comments.map((c) => ({ ...c })),
    createComment: async (_issue, body) => {
      const comment = { id: next++, body, author: 'github-actions[bot]', url: `u${next}` }
      comments.push(comment)
      writes.push(`create ${comment.id}`)
      return comment
    },
    updateComment: async (id, body) => {
      const comment = comments.find((c) => c.id === id)!
      comment.body = body
      writes.push(`update ${id}`)
      return comment
    },
    deleteComment: async (id) => {
      comments.splice(comments.findIndex((c) => c.id === id), 1)
      writes.push(`delete ${id}`)
    },
    viewerLogin: async () => viewer
  }
  return { api: api as GitHubApi, comments, writes }
}

const marker = markerFor('containment')
const body = (text: string) => withDigest(`${marker}\n${text}`, text)
const ours = (id: number, text: string): IssueComment => ({ id, body: body(text), author: 'github-actions[bot]', url: `u${id}` })

describe('upsertStickyComment', () => {
  it('creates one comment when there is something to say and none exists', async () => {
    const { api, writes } = fakeApi([{ id: 1, body: 'LGTM', author: 'alice', url: 'u1' }])
    const result = await upsertStickyComment(api, { issueNumber: 7, marker, body: body('findings'), mode: 'update', createIfMissing: true })
    expect(result).toMatchObject({ action: 'created', deleted: 0 })
    expect(writes).toEqual(['create 900'])
  })

  it('creates nothing when there is nothing to say', async () => {
    const { api, writes } = fakeApi([])
    expect(await upsertStickyComment(api, { issueNumber: 7, marker, body: body('clean'), mode: 'update', createIfMissing: false })).toMatchObject({ action: 'none' })
    expect(writes).toEqual([])
  })

  it('updates its own comment in place, and says so when there is nothing left', async () => {
    const { api, writes, comments } = fakeApi([ours(5, 'findings')])
    const result = await upsertStickyComment(api, { issueNumber: 7, marker, body: body('clean now'), mode: 'update', createIfMissing: false })
    expect(result).toEqual({ action: 'updated', url: 'u5', deleted: 0 })
    expect(writes).toEqual(['update 5'])
    expect(comments[0].body).toContain('clean now')
  })

  it('leaves an unchanged comment alone', async () => {
    const { api, writes } = fakeApi([ours(5, 'same')])
    expect(await upsertStickyComment(api, { issueNumber: 7, marker, body: body('same'), mode: 'update', createIfMissing: true })).toMatchObject({ action: 'unchanged' })
    expect(writes).toEqual([])
  })

  it('keeps the oldest of duplicates and deletes the others', async () => {
    const { api, writes } = fakeApi([ours(3, 'a'), ours(8, 'b'), ours(5, 'c')])
    const result = await upsertStickyComment(api, { issueNumber: 7, marker, body: body('d'), mode: 'update', createIfMissing: true })
    expect(result).toMatchObject({ action: 'updated', deleted: 2 })
    expect(writes).toEqual(['update 3', 'delete 5', 'delete 8'])
  })

  it('updates its comment even when a duplicate cannot be deleted, and says why', async () => {
    const { api, writes } = fakeApi([ours(3, 'a'), ours(8, 'b')])
    api.deleteComment = async () => {
      throw Object.assign(new Error('Forbidden'), { status: 403 })
    }
    const result = await upsertStickyComment(api, { issueNumber: 7, marker, body: body('c'), mode: 'update', createIfMissing: true })
    expect(result).toMatchObject({ action: 'updated', url: 'u3', deleted: 0, deleteFailure: expect.objectContaining({ status: 403 }) })
    expect(writes).toEqual(['update 3'])
  })

  it('when the answer to its create is lost, finds the copies that got through and keeps one', async () => {
    const { api, writes, comments } = fakeApi([])
    const createComment = api.createComment
    api.createComment = async (issue, text) => {
      // GitHub creates the comment on every attempt, but the answers never arrive.
      await createComment(issue, text)
      await createComment(issue, text)
      throw Object.assign(new Error('no answer'), { status: 500 })
    }
    const result = await upsertStickyComment(api, { issueNumber: 7, marker, body: body('mine'), mode: 'update', createIfMissing: true })
    expect(result).toMatchObject({ action: 'created', url: 'u901', deleted: 1 })
    expect(writes).toEqual(['create 900', 'create 901', 'delete 901'])
    expect(comments.map((c) => c.id)).toEqual([900])
  })

  it('after creating, deletes its own copy when another run created one first, and brings that one up to date', async () => {
    const { api, writes, comments } = fakeApi([])
    const listComments = api.listComments
    let lists = 0
    // The other run's copy (id 850) appears between this run's list and its create.
    api.listComments = async (issue) => {
      if (lists++ === 1) comments.push(ours(850, 'theirs'))
      return listComments(issue)
    }
    const result = await upsertStickyComment(api, { issueNumber: 7, marker, body: body('mine'), mode: 'update', createIfMissing: true })
    expect(result).toEqual({ action: 'updated', url: 'u850', deleted: 1, raced: true })
    expect(writes).toEqual(['create 900', 'delete 900', 'update 850'])
    expect(comments.map((c) => c.id)).toEqual([850])
  })

  it('after creating, keeps its copy when it is the oldest, and takes a copy the other run already deleted as deleted', async () => {
    const { api, writes, comments } = fakeApi([])
    const deleteComment = api.deleteComment
    let lists = 0
    // A newer copy the other run created, listed once after this run's create and deleted by that run since.
    api.listComments = async () => [...comments.map((c) => ({ ...c })), ...(lists++ === 1 ? [ours(950, 'theirs')] : [])]
    api.deleteComment = async (id) => {
      if (id === 950) throw Object.assign(new Error('Not Found'), { status: 404 })
      return deleteComment(id)
    }
    const result = await upsertStickyComment(api, { issueNumber: 7, marker, body: body('mine'), mode: 'update', createIfMissing: true })
    expect(result).toEqual({ action: 'created', url: 'u901', deleted: 1 })
    expect(writes).toEqual(['create 900'])
    expect(comments.map((c) => c.id)).toEqual([900])
  })

  it("never touches another author's copy of the marker", async () => {
    const { api, writes } = fakeApi([{ id: 4, body: body('spoofed'), author: 'mallory', url: 'u4' }])
    await upsertStickyComment(api, { issueNumber: 7, marker, body: body('real'), mode: 'update', createIfMissing: true })
    expect(writes).toEqual(['create 900'])
  })

  it('recognises its comments under the login GraphQL gives, or github-actions[bot] when it gives none', async () => {
    const bot = fakeApi([ours(5, 'a')], 'github-actions')
    expect((await upsertStickyComment(bot.api, { issueNumber: 7, marker, body: body('b'), mode: 'update', createIfMissing: true })).action).toBe('updated')
    const unknown = fakeApi([ours(5, 'a')], undefined)
    expect((await upsertStickyComment(unknown.api, { issueNumber: 7, marker, body: body('b'), mode: 'update', createIfMissing: true })).action).toBe('updated')
    expect(sameLogin('my-app[bot]', 'My-App')).toBe(true)
    expect(sameLogin('alice', 'bob')).toBe(false)
  })

  it('recreate: deletes its comments and posts a new one at the bottom', async () => {
    const { api, writes } = fakeApi([ours(3, 'a'), ours(8, 'b')])
    const result = await upsertStickyComment(api, { issueNumber: 7, marker, body: body('c'), mode: 'recreate', createIfMissing: false })
    expect(result).toMatchObject({ action: 'recreated', deleted: 2 })
    expect(writes).toEqual(['delete 3', 'delete 8', 'create 900'])
    expect(result.url).toBe('u901')
  })

  it('keeps comments of another category apart', async () => {
    const { api, writes } = fakeApi([{ ...ours(3, 'a'), body: withDigest(`${markerFor('other')}\na`, 'a') }])
    await upsertStickyComment(api, { issueNumber: 7, marker, body: body('b'), mode: 'update', createIfMissing: true })
    expect(writes).toEqual(['create 900'])
  })
})

describe('markerFor', () => {
  it('is an HTML comment that nothing in the id can close', () => {
    expect(markerFor('containment')).toBe('<!-- containment:report id=containment -->')
    expect(markerFor('a --> b')).toBe('<!-- containment:report id=a_--__b -->')
  })
})
