// PressRuns: see Docs/Architecture.md for this target's role.
