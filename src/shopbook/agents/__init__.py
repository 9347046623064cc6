"""Agents (代理): tier prices, price sheets, orders and monthly settlement."""
