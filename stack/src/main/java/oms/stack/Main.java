package oms.stack;

public final class Main {
    public static void main(String[] args) {
    }
}
