"""Bounces: what came back after a send, read from mail and platform exports, classified, decided."""
