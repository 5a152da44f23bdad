"""A 政府信息公开平台 built unit by unit: manifests, assembly, merge, CODEOWNERS.

Owns: what a unit's build hands over (`unit_manifest`) and how it is read back (`manifest`), the
assembly of the platform from unit outputs (`assembly`) and the merge into site/ (`merge`), unit
builds in parallel (`builds`), the whole platform read and checked (`site`), per-department
summaries (`summary`), CODEOWNERS (`codeowners`) and the GitLab CI unit list (`ci_matrix`).
May use: `pages`, `search`, `rules`, `content`, `privacy`, `text`, `codes`.
"""
