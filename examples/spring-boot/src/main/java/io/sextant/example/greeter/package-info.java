/** The called service: registers as {@code greeter} and answers {@code /greet}. */
package io.sextant.example.greeter;
