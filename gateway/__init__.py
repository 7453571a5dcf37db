"""The Envoy gateway: its configuration source (`config`, one for every shape, only `addresses`
differing), the built YAML (`built/`), and how it starts (`launch`, used by `make run`)."""
