"""Community messaging: residents and network members subscribe by area, topic and group; staff send alerts.

Modules: `choices` (topics, groups, states), `audience` (who a message reaches), `subscribers` (public sign-up,
confirmation, managing, unsubscribing, rating and replying), `sending` (the message's workflow and the batched,
idempotent send through the product's one notifications service), `digest` (the monthly area digest written from
the dashboard's figures), `selectors` (staff reads, audited), `tasks` (huey). See docs/messaging.md.
"""
