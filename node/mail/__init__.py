"""E-mail out: an outbound channel beside federation. It composes what the domain queued
(node/community/accounts/mailbox.py) in the recipient's language, with the web layer's
catalog and templates (node/web/templates/mail/), and sends it through the node's own SMTP
server with retries. Web and federation never import it; only node/app.py and node/cli.py."""
