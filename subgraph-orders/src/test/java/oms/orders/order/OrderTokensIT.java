package oms.orders.order;

import oms.platform.test.BadTokensContract;

class OrderTokensIT extends BadTokensContract {}
