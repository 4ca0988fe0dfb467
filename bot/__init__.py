"""Composition root: settings, Bot + Dispatcher assembly, middlewares, scheduler, CLI."""
