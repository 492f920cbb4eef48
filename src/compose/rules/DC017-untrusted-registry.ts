import { ownDefinitions, quote, type ComposeRule } from '../rule.js'
import { isTrusted, pulledImage } from '../images.js'

export const DC017: ComposeRule = {
  id: 'DC017',
  slug: 'untrusted-registry',
  title: 'Image from an untrusted registry',
  severity: 'high',
  principles: ['P3'],
  rationale: 'Images from registries the project has not approved are code from unknown publishers running inside your network.',
  fix: 'Use an image from a trusted registry (mirror it there), or add the registry to `trusted-registries` after review.',
  equivalents: { cis: ['4.2', '4.5'] },
  check(project, report, context) {
    const trusted = context.config.trustedRegistries
    if (!trusted) return
    for (const { view, service } of ownDefinitions(project)) {
      const image = pulledImage(view, service.image)
      if (!image || isTrusted(image.name, trusted)) continue
      report(
        image.text.span,
        `Service "${service.name}" image ${quote(image.text.raw)} comes from ${image.name.registry}, which is not in trusted-registries: code from an unapproved publisher. Use a trusted registry or add this one after review.`
      )
    }
  }
}
