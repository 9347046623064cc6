"""Purchasing (采购): draft POs from the stock alerts, receiving against a PO, what is on order."""
