package oms.customers.customer;

import oms.platform.test.BadTokensContract;

class CustomerTokensIT extends BadTokensContract {}
