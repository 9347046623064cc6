"""Money: ledger balances and checks, the monthly P&L, reconciliation with Alipay and courier bills."""
