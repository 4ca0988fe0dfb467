"""A person's accounts in the other messengers (bot/max): one profile, several ids."""
