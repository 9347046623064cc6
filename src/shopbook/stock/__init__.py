"""Stock: on-hand, reserved and available quantities, from products, movements and orders."""
