"""After-sales cases (售后): returns, exchanges, refunds, resends, complaints, lost parcels."""
