package oms.inventory.product;

import oms.platform.test.BadTokensContract;

class ProductTokensIT extends BadTokensContract {}
