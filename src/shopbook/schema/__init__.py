"""The declared shape of every workbook and sheet of a shop folder.

Its modules do without `from __future__ import annotations`: pydantic would then compile and
evaluate each field's annotation as text when a model is made, 500 of them, a third of the time
every command spends importing the schema (44 -> 28 ms).
"""

from .agents import Agent, AgentPrice, AgentStatus, Payment, Rebate, Tier
from .base import Choice, Col, Column, Kind, SheetModel, WorkbookSpec
from .kpi import DailyKpi, Target
from .ledger import Account, BalanceCheck, Category, Direction, Entry
from .orders import (AfterSalesCase, CaseStatus, CaseType, OrderLine, OrderSource, OrderStatus, Platform, Promotion,
                     PromotionKind, ReviewRule, ShippingRate, SkuMap)
from .staff import StaffMember, StaffRole
from .stock import (Movement, MovementType, PoStatus, Product, ProductStatus, PurchaseLine, StocktakeCount, Supplier,
                    Supply, WaitlistEntry)

STOCK = WorkbookSpec("stock", "stock.xlsx", "库存", "Stock",
                     (Product, Movement, StocktakeCount, WaitlistEntry, Supply, Supplier, PurchaseLine))
ORDERS = WorkbookSpec("orders", "orders.xlsx", "订单", "Orders",
                      (OrderLine, Promotion, ShippingRate, ReviewRule, SkuMap, AfterSalesCase))
LEDGER = WorkbookSpec("ledger", "ledger.xlsx", "流水账", "Ledger",
                      (Entry, Account, BalanceCheck, Category, StaffMember))
KPI = WorkbookSpec("kpi", "kpi.xlsx", "数据日报", "Daily KPI", (DailyKpi, Target))
AGENTS = WorkbookSpec("agents", "agents.xlsx", "代理", "Agents",
                      (Agent, Tier, AgentPrice, Rebate, Payment))

WORKBOOKS: tuple[WorkbookSpec, ...] = (STOCK, ORDERS, LEDGER, KPI, AGENTS)


def workbook_for(filename: str) -> WorkbookSpec | None:
    name = filename.lower()
    return next((w for w in WORKBOOKS if w.filename == name), None)


__all__ = [
    "WORKBOOKS", "STOCK", "ORDERS", "LEDGER", "KPI", "AGENTS", "workbook_for",
    "Choice", "Col", "Column", "Kind", "SheetModel", "WorkbookSpec",
    "Product", "Movement", "MovementType", "ProductStatus", "StocktakeCount", "WaitlistEntry", "Supply",
    "Supplier", "PurchaseLine", "PoStatus",
    "OrderLine", "OrderSource", "OrderStatus", "Promotion", "PromotionKind", "ShippingRate", "ReviewRule",
    "Platform", "SkuMap", "AfterSalesCase", "CaseStatus", "CaseType",
    "Entry", "Account", "BalanceCheck", "Category", "Direction",
    "DailyKpi", "Target", "StaffMember", "StaffRole",
    "Agent", "AgentStatus", "Tier", "AgentPrice", "Rebate", "Payment",
]
